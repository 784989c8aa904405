-- One row per item and location of each period-end valuation snapshot. A snapshot is the set
-- of rows for one entity and as_of_date; the latest file holding it replaces earlier ones whole.
with valuations as (

    select * from {{ ref('stg_erp__inventory_valuations') }}

),

snapshot_versions as (

    select
        entity,
        as_of_date_text,
        max(source_file) as latest_source_file

    from valuations
    group by entity, as_of_date_text

),

latest_snapshots as (

    select valuations.*
    from valuations
    inner join snapshot_versions
        on valuations.entity = snapshot_versions.entity
        -- An empty as_of_date is still a row to reject, not one to lose in the join.
        and valuations.as_of_date_text is not distinct from snapshot_versions.as_of_date_text
        and valuations.source_file = snapshot_versions.latest_source_file

),

snapshot_rows_counted as (

    select
        *,
        count(*) over (partition by entity, as_of_date, item_sku, location) as rows_for_item

    from latest_snapshots

),

valuations_checked as (

    select
        *,
        {{ reject_reason_columns([
            {"column": "as_of_date",
             "failed_when": "as_of_date is null or not " ~ is_iso_date_text('as_of_date_text'),
             "reason": "'as_of_date ' || " ~ quoted_text('as_of_date_text') ~ " || ' is not a date YYYY-MM-DD'"},
            {"column": "as_of_date",
             "failed_when": "as_of_date <> " ~ period_end(period_start('as_of_date')),
             "reason": "'as_of_date ' || " ~ quoted_text('as_of_date_text') ~ " || ' is not a period end'"},
            {"column": "item_sku", "failed_when": "item_sku is null",
             "reason": "'item_sku is empty'"},
            {"column": "item_sku", "failed_when": "rows_for_item > 1",
             "reason": "'item and location appear more than once in this snapshot'"},
            {"column": "quantity_on_hand", "failed_when": "quantity_on_hand is null",
             "reason": "'quantity_on_hand ' || " ~ quoted_text('quantity_on_hand_text') ~ " || ' is not a number'"},
            {"column": "total_value",
             "failed_when": "total_value is null or not " ~ is_money_text('total_value_text'),
             "reason": "'total_value ' || " ~ quoted_text('total_value_text') ~ " || ' is not an amount with at most 2 decimals'"},
        ]) }}

    from snapshot_rows_counted

),

final as (

    select
        entity,
        as_of_date,
        item_sku,
        location,
        quantity_on_hand,
        total_value,
        source_file,
        source_line,
        rejected_column,
        reject_reason

    from valuations_checked

)

select * from final
