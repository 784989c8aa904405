-- One row per entity, period, item and location whose ERP valuation moved by more (or less)
-- than its transactions explain: beginning + movements - ending <> 0.
with periods as (

    select * from {{ ref('int_reconciliation_periods_spined') }}

),

valuations as (

    select * from {{ ref('int_inventory_valuations_accepted') }}

),

movements as (

    select * from {{ ref('int_inventory_movements_accepted') }}

),

item_values as (

    -- beginning (+), ending (-) and movements (+) of each item in each period, stacked.
    select periods.entity, periods.period_start, periods.sync_mode,
        valuations.item_sku, valuations.location, valuations.total_value as value_change
    from periods
    inner join valuations
        on periods.entity = valuations.entity
        and periods.previous_period_end = valuations.as_of_date

    union all

    select periods.entity, periods.period_start, periods.sync_mode,
        valuations.item_sku, valuations.location, -valuations.total_value as value_change
    from periods
    inner join valuations
        on periods.entity = valuations.entity
        and periods.period_end = valuations.as_of_date

    union all

    select periods.entity, periods.period_start, periods.sync_mode,
        movements.item_sku, movements.location, movements.extended_cost as value_change
    from periods
    inner join movements
        on periods.entity = movements.entity
        and periods.period_start = movements.period_start

),

gaps_itemized as (

    select
        entity,
        period_start,
        sync_mode,
        item_sku,
        location,
        {{ money('sum(value_change)') }} as rollforward_difference

    from item_values
    group by entity, period_start, sync_mode, item_sku, location
    having sum(value_change) <> 0

)

select * from gaps_itemized
