"""The governance console: register editing, ethics circuit, rights, usage, explain and train."""
