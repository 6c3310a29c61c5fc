"""Open data: the monitor's figures as tidy tables (CSV, JSON), views of the same domain
objects as the pages."""
