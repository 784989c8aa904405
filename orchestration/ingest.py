"""Extract assets: the exports folder and its configuration, landed in the raw schema."""

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    asset,
    multi_asset,
)

from orchestration.lib.config import land_config, load_config, period_settings
from orchestration.lib.landing import LandingSummary, land_source
from orchestration.lib.sources import EXPORT_SOURCES, GL_ACCOUNTS, GL_JOURNAL_LINES, ExportSource
from orchestration.partitions import (
    AFFECTED_PERIODS,
    AFFECTS_EVERY_PERIOD,
    fiscal_periods,
    period_partition_keys,
)
from orchestration.resources import ExportsResource, WarehouseResource

RAW_GROUP = "raw"


def affected_periods_metadata(source: ExportSource, summary: LandingSummary) -> dict[str, object]:
    """The partitions whose period-partitioned models read rows that changed. A changed chart
    of accounts changes every period (accounts are checked and classified per line)."""
    changed = bool(summary.files_loaded or summary.files_removed)
    return {
        AFFECTED_PERIODS: MetadataValue.json(
            period_partition_keys(summary.changed_dates, fiscal_periods)
        ),
        AFFECTS_EVERY_PERIOD: MetadataValue.bool(source == GL_ACCOUNTS and changed),
    }


def build_extract_asset(source: ExportSource) -> AssetsDefinition:
    """One asset per export source: all its files in the folder, landed with their lineage.

    The journal lines depend on the chart: a QuickBooks report names accounts, and the landed
    chart turns the names into account numbers."""

    @asset(
        key=AssetKey(["raw", source.name]),
        group_name=RAW_GROUP,
        description=f"Every `{source.name}*.csv` file in the exports folder, and every report "
        "file whose layout feeds this source, as text, with the file, line and load time of "
        "each row.",
        kinds={"csv"},
        deps=[AssetKey(["raw", GL_ACCOUNTS.name])] if source == GL_JOURNAL_LINES else [],
    )
    def extract(
        context: AssetExecutionContext, warehouse: WarehouseResource, exports: ExportsResource
    ) -> MaterializeResult:
        config_path = exports.config_path
        # Without a configuration the `configuration` asset fails the run; reports are detected.
        rules = load_config(config_path).exports if config_path.is_file() else ()
        with warehouse.connect() as con:
            summary = land_source(con, source, exports.exports_path, rules)
        context.log.info(
            f"{source.name}: {len(summary.files_in_folder)} files, "
            f"{len(summary.files_loaded)} (re)loaded, {len(summary.files_removed)} removed"
        )
        return MaterializeResult(
            metadata={
                "rows": MetadataValue.int(summary.rows_in_raw_table),
                "files_in_folder": MetadataValue.int(len(summary.files_in_folder)),
                "files_loaded": MetadataValue.json(summary.files_loaded),
                "files_removed": MetadataValue.json(summary.files_removed),
                "reports_loaded": MetadataValue.json(summary.reports_loaded),
                **affected_periods_metadata(source, summary),
            }
        )

    return extract


extract_assets = [build_extract_asset(source) for source in EXPORT_SOURCES]


@multi_asset(
    specs=[
        AssetSpec(
            AssetKey(["raw", "entity_settings"]),
            group_name=RAW_GROUP,
            description="Each entity's sync_mode and adjustments_booked_to from cogs_recon.yml.",
            kinds={"yaml"},
        ),
        AssetSpec(
            AssetKey(["raw", "account_role_overrides"]),
            group_name=RAW_GROUP,
            description="The account roles cogs_recon.yml names explicitly.",
            kinds={"yaml"},
        ),
        AssetSpec(
            AssetKey(["raw", "period_close_settings"]),
            group_name=RAW_GROUP,
            description="When periods close: the close section of cogs_recon.yml.",
            kinds={"yaml"},
        ),
    ],
)
def configuration(
    warehouse: WarehouseResource, exports: ExportsResource
) -> tuple[MaterializeResult, MaterializeResult, MaterializeResult]:
    """Land cogs_recon.yml as three small tables the models join to."""
    config = load_config(exports.config_path)
    with warehouse.connect() as con:
        settings_before = period_settings(con)
        land_config(con, config)
        # Sync modes and account roles shape every period's documents and net changes.
        every_period = MetadataValue.bool(period_settings(con) != settings_before)
    source = MetadataValue.path(str(exports.config_path))
    return (
        MaterializeResult(
            asset_key=AssetKey(["raw", "entity_settings"]),
            metadata={
                "entities": MetadataValue.int(len(config.entities)),
                "config_file": source,
                AFFECTS_EVERY_PERIOD: every_period,
            },
        ),
        MaterializeResult(
            asset_key=AssetKey(["raw", "account_role_overrides"]),
            metadata={
                "accounts": MetadataValue.int(len(config.account_roles)),
                "config_file": source,
                AFFECTS_EVERY_PERIOD: every_period,
            },
        ),
        MaterializeResult(
            asset_key=AssetKey(["raw", "period_close_settings"]),
            metadata={
                "close_after_days": MetadataValue.text(str(config.close.close_after_days)),
                "closed_through": MetadataValue.text(str(config.close.closed_through)),
                "config_file": source,
            },
        ),
    )
