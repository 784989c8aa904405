"""dbt models as Dagster assets: one asset per model, keyed and grouped by warehouse layer."""

from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey, AssetSpec
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from orchestration.project import dbt_project

# Nodes outside models/ keep the schema they are written to.
LAYER_BY_RESOURCE_TYPE = {"seed": "reference", "snapshot": "snapshots"}


def layer_of(dbt_resource_props: Mapping[str, Any]) -> str:
    """The warehouse layer a dbt node lives in: its models/ folder, `reference` for seeds,
    `snapshots` for snapshots."""
    resource_type = dbt_resource_props["resource_type"]
    return LAYER_BY_RESOURCE_TYPE.get(resource_type) or dbt_resource_props["fqn"][1]


def asset_key_for(dbt_resource_props: Mapping[str, Any]) -> AssetKey:
    """`raw/<table>` for sources (the extract assets' keys), `<layer>/<name>` for the rest."""
    if dbt_resource_props["resource_type"] == "source":
        return AssetKey(["raw", dbt_resource_props["identifier"]])
    return AssetKey([layer_of(dbt_resource_props), dbt_resource_props["name"]])


class CogsReconTranslator(DagsterDbtTranslator):
    """Names assets after warehouse layers so sources link to the extract assets."""

    def get_asset_spec(
        self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        if props["resource_type"] == "source":
            return spec.replace_attributes(key=asset_key_for(props))
        return spec.replace_attributes(key=asset_key_for(props), group_name=layer_of(props))


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=CogsReconTranslator())
def cogs_recon_dbt_assets(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
    """Build the selected dbt models, seeds and tests, streaming each result to Dagster."""
    yield from dbt.cli(["build"], context=context).stream()
