# The verbs a newcomer looks for. Every target bootstraps the locked environment first.
UV ?= uv
RUN = $(UV) run --frozen
DEMO_WAREHOUSE ?= demo/cogs_recon.duckdb
# Where `make dev` and `make docs` point: the demo's DuckDB file, or a postgresql:// URL.
WAREHOUSE ?= $(abspath $(DEMO_WAREHOUSE))

.PHONY: setup demo dev test test-fast postgres lint docs bench clean

setup:  ## install uv if missing, then the locked virtual environment
	@command -v $(UV) >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen

demo: setup  ## reconcile the built-in demo company into an embedded DuckDB file
	$(RUN) cogs-recon run --exports seeds/demo/exports --warehouse $(DEMO_WAREHOUSE)

dev: setup  ## the Dagster UI on the demo data (http://127.0.0.1:3000); WAREHOUSE=postgresql://...
	COGS_RECON_WAREHOUSE=$(WAREHOUSE) \
	COGS_RECON_EXPORTS=$(abspath seeds/demo/exports) \
	COGS_RECON_CONFIG=$(abspath seeds/demo/exports/cogs_recon.yml) \
	COGS_RECON_DATA_DOCS=$(abspath $(dir $(DEMO_WAREHOUSE))data_docs) \
	$(RUN) dagster dev

test: setup postgres  ## the whole test suite, on DuckDB and PostgreSQL
	$(RUN) pytest

test-fast: setup postgres  ## the tests that do not run the whole pipeline
	$(RUN) pytest -m "not slow"

postgres:  ## a PostgreSQL server on 127.0.0.1:5432 for the tests (installed if none listens)
	.ci/ensure-postgres

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .

docs: demo  ## dbt's documentation and catalog of the demo warehouse (dbt_project/target/)
	cd dbt_project && COGS_RECON_WAREHOUSE=$(WAREHOUSE) $(RUN) dbt docs generate --profiles-dir .

bench: setup  ## speed and memory on a generated mid-size ledger (see bench/README.md)
	$(RUN) python bench/bench_reconciliation.py

clean:
	rm -rf demo dbt_project/target dbt_project/logs .pytest_cache
