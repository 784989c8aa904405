"""How dbt nodes become Dagster assets, and the dbt command the assets run."""

from __future__ import annotations

from dagster import AssetKey

from orchestration.transform import asset_key_for, layer_of


def test_sources_are_keyed_like_the_extract_assets() -> None:
    source = {"resource_type": "source", "identifier": "gl_journal_lines", "name": "journal_lines"}
    assert asset_key_for(source) == AssetKey(["raw", "gl_journal_lines"])


def test_models_are_keyed_and_grouped_by_layer() -> None:
    model = {
        "resource_type": "model",
        "name": "fct_periodic_cogs",
        "fqn": ["cogs_recon", "marts", "finance", "fct_periodic_cogs"],
    }
    assert layer_of(model) == "marts"
    assert asset_key_for(model) == AssetKey(["marts", "fct_periodic_cogs"])
    seed = {"resource_type": "seed", "name": "account_role_rules", "fqn": ["cogs_recon", "x"]}
    assert asset_key_for(seed) == AssetKey(["reference", "account_role_rules"])
