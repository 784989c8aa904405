-- One row per entity, period end, item and location the reconciliation values inventory by:
-- the accepted snapshot rows, and for entities without any snapshot the valuations derived
-- from their movements (which never overlap: see int_inventory_valuations_derived).
with snapshots as (

    select * from {{ ref('int_inventory_valuations_validated') }}
    where reject_reason is null

),

derived as (

    select * from {{ ref('int_inventory_valuations_derived') }}

),

unioned as (

    select
        entity,
        as_of_date,
        item_sku,
        location,
        quantity_on_hand,
        total_value,
        source_file,
        source_line

    from snapshots

    union all

    select
        entity,
        as_of_date,
        item_sku,
        location,
        quantity_on_hand,
        total_value,
        'derived from erp_inventory_transactions' as source_file,
        cast(null as {{ dbt.type_bigint() }}) as source_line

    from derived

)

select * from unioned
