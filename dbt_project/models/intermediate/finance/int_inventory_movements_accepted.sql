-- One row per accepted ERP inventory transaction, in the shape the component marts drill into.
with transactions as (

    select * from {{ ref('int_inventory_transactions_validated') }}
    where reject_reason is null
        and {{ in_period_window('period_start') }}

),

final as (

    select
        entity,
        period_start,
        transaction_id,
        posted_date,
        transaction_type,
        movement_class,
        reference,
        item_sku,
        location,
        quantity,
        extended_cost,
        memo,
        source_file,
        source_line

    from transactions

)

select * from final
