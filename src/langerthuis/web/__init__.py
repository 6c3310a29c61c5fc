"""The website and API, served by `langerthuis serve`."""
