"""Local accounts, roles and what each role may open."""
