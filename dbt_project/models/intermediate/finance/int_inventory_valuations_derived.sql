-- One row per item and location at each month end, for entities that export no valuation
-- snapshot at all (Business Central's value entries): the value is the sum of the accepted
-- movements' cost up to that day, from the month of the entity's first movement to the month
-- of its last. An entity with any snapshot row, even a rejected one, is valued by its
-- snapshots only, so the two never add up.
with movements as (

    select * from {{ ref('int_inventory_movements_accepted') }}

),

snapshot_entities as (

    select distinct entity from {{ ref('stg_erp__inventory_valuations') }}

),

unvalued_movements as (

    select movements.*
    from movements
    left join snapshot_entities
        on movements.entity = snapshot_entities.entity
    where snapshot_entities.entity is null

),

month_offsets as (

    {{ dbt.generate_series(1200) }}

),

entity_ranges as (

    select
        entity,
        max(period_start) as last_period

    from unvalued_movements
    group by entity

),

item_ranges as (

    select
        entity,
        item_sku,
        location,
        min(period_start) as first_period

    from unvalued_movements
    group by entity, item_sku, location

),

item_months as (

    select
        item_ranges.entity,
        item_ranges.item_sku,
        item_ranges.location,
        cast({{ dbt.dateadd('month', 'month_offsets.generated_number - 1', 'item_ranges.first_period') }} as date)
            as period_start

    from item_ranges
    inner join entity_ranges
        on item_ranges.entity = entity_ranges.entity
    inner join month_offsets
        on month_offsets.generated_number - 1
            <= {{ dbt.datediff('item_ranges.first_period', 'entity_ranges.last_period', 'month') }}

),

monthly_movements as (

    select
        entity,
        item_sku,
        location,
        period_start,
        sum(quantity) as quantity,
        sum(extended_cost) as extended_cost

    from unvalued_movements
    group by entity, item_sku, location, period_start

),

running_totals as (

    select
        item_months.entity,
        item_months.period_start,
        item_months.item_sku,
        item_months.location,
        sum(coalesce(monthly_movements.quantity, 0)) over (
            partition by item_months.entity, item_months.item_sku, item_months.location
            order by item_months.period_start
            rows between unbounded preceding and current row
        ) as quantity_on_hand,
        sum(coalesce(monthly_movements.extended_cost, 0)) over (
            partition by item_months.entity, item_months.item_sku, item_months.location
            order by item_months.period_start
            rows between unbounded preceding and current row
        ) as total_value

    from item_months
    left join monthly_movements
        on item_months.entity = monthly_movements.entity
        and item_months.item_sku = monthly_movements.item_sku
        and item_months.location = monthly_movements.location
        and item_months.period_start = monthly_movements.period_start

),

final as (

    select
        entity,
        {{ period_end('period_start') }} as as_of_date,
        item_sku,
        location,
        cast(quantity_on_hand as decimal(20, 6)) as quantity_on_hand,
        {{ money('total_value') }} as total_value

    from running_totals

)

select * from final
