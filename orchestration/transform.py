"""dbt models as Dagster assets: one asset per model, keyed and grouped by warehouse layer,
partitioned by period."""

import json
from collections.abc import Iterator, Mapping
from typing import Any

from dagster import AssetExecutionContext, AssetKey, AssetSpec, BackfillPolicy
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from orchestration.lib.publish import publish_marts, reader_role
from orchestration.partitions import fiscal_periods, period_window_vars
from orchestration.project import dbt_project
from orchestration.resources import WarehouseResource

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


def dbt_build_args(window_vars: Mapping[str, str]) -> list[str]:
    """`dbt build`, with the period window when the run does not cover every partition."""
    return ["build", "--vars", json.dumps(dict(window_vars))] if window_vars else ["build"]


def built_marts(context: AssetExecutionContext) -> list[str]:
    """The mart models the run selected (the dbt assets are subsettable): the ones it rebuilt."""
    nodes = json.loads(dbt_project.manifest_path.read_text())["nodes"].values()
    return [
        props["name"]
        for props in nodes
        if props["resource_type"] == "model"
        and layer_of(props) == "marts"
        and asset_key_for(props) in context.selected_asset_keys
    ]


@dbt_assets(
    manifest=dbt_project.manifest_path,
    dagster_dbt_translator=CogsReconTranslator(),
    partitions_def=fiscal_periods,
    # A backfill is one dbt build over its whole range, not one build per month.
    backfill_policy=BackfillPolicy.single_run(),
)
def cogs_recon_dbt_assets(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    """Build the selected dbt models, seeds and tests for the run's periods: the
    period-partitioned models rebuild the window, every other model is rebuilt whole. Then
    publish the marts built, which readers see only once the whole build succeeded."""
    window_vars = period_window_vars(context.partition_time_window, fiscal_periods)
    context.log.info(f"period window: {window_vars or 'every period'}")
    yield from dbt.cli(dbt_build_args(window_vars), context=context).stream()
    # dbt.cli raised above if the build failed: readers keep the last good marts.
    marts = built_marts(context)
    if marts:
        with warehouse.connect() as con:
            publish_marts(con, marts, reader_role())
        context.log.info(f"published {len(marts)} marts: {', '.join(marts)}")
