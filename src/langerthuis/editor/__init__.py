"""The pages and API endpoints for the people who keep the monitor up to date: sign-in,
accounts, API tokens and the audit trail (all behind a session or a token)."""
