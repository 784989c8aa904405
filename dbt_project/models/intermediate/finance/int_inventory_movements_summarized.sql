-- One row per entity and period with ERP transactions: their cost by formula term.
with transactions as (

    select * from {{ ref('int_inventory_movements_accepted') }}
    where {{ in_period_window('period_start') }}

),

movements_summarized as (

    select
        entity,
        period_start,
        sum(case when movement_class = 'purchase' then extended_cost else 0 end) as purchases,
        sum(case when movement_class = 'adjustment' then extended_cost else 0 end) as erp_adjustments,
        -- Deliveries leave inventory with a negative cost; the relief is its opposite.
        -sum(case when movement_class = 'delivery' then extended_cost else 0 end) as cost_of_deliveries

    from transactions
    group by entity, period_start

),

final as (

    select
        entity,
        period_start,
        {{ money('purchases') }} as purchases,
        {{ money('erp_adjustments') }} as erp_adjustments,
        {{ money('cost_of_deliveries') }} as cost_of_deliveries

    from movements_summarized

)

select * from final
