"""Advisory councils (survivors; public-private partnership) and interagency coordination."""
