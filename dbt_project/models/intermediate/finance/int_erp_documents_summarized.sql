-- One row per entity, ERP document (reference) and period: its cost and the effect the sync
-- should have had on the GL. Inventory sync: every movement moves the inventory asset; deliveries
-- (and adjustments booked to COGS) move COGS the other way. Non-inventory sync: receipts and
-- vendor returns hit COGS; nothing else reaches the GL before the month-end true-up.
with movements as (

    select * from {{ ref('int_inventory_movements_accepted') }}
    where {{ in_period_window('period_start') }}

),

entity_settings as (

    select * from {{ ref('stg_config__entity_settings') }}

),

movements_expected as (

    select
        movements.entity,
        coalesce(movements.reference, movements.transaction_id) as document_reference,
        movements.period_start,
        movements.movement_class,
        movements.extended_cost,
        case
            when entity_settings.sync_mode = 'inventory' then movements.extended_cost
            else 0
        end as expected_inventory_amount,
        case
            when entity_settings.sync_mode = 'non_inventory'
                then case when movements.movement_class = 'purchase'
                    then movements.extended_cost else 0 end
            when movements.movement_class = 'delivery'
                or (movements.movement_class = 'adjustment'
                    and entity_settings.adjustments_booked_to = 'cogs')
                then -movements.extended_cost
            else 0
        end as expected_cogs_amount

    from movements
    inner join entity_settings
        on movements.entity = entity_settings.entity

),

documents_summarized as (

    select
        entity,
        document_reference,
        period_start,
        min(movement_class) as movement_class,
        {{ money('sum(extended_cost)') }} as erp_amount,
        {{ money('sum(expected_inventory_amount)') }} as expected_inventory_amount,
        {{ money('sum(expected_cogs_amount)') }} as expected_cogs_amount

    from movements_expected
    group by entity, document_reference, period_start

)

select * from documents_summarized
