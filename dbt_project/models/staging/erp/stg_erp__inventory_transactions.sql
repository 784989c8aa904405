with source as (

    select * from {{ source('erp', 'inventory_transactions') }}

),

renamed as (

    select
        coalesce(nullif(trim(entity), ''), 'default') as entity,
        nullif(trim(transaction_id), '') as transaction_id,
        {{ dbt.safe_cast('trim(posted_date)', 'date') }} as posted_date,
        upper(trim(transaction_type)) as transaction_type,
        nullif(trim(reference), '') as reference,
        nullif(trim(item_sku), '') as item_sku,
        coalesce(trim(location), '') as location,
        {{ dbt.safe_cast('trim(quantity)', 'decimal(20, 6)') }} as quantity,
        {{ dbt.safe_cast('trim(extended_cost)', 'decimal(18, 2)') }} as extended_cost,
        memo,
        trim(posted_date) as posted_date_text,
        trim(quantity) as quantity_text,
        trim(extended_cost) as extended_cost_text,
        _source_file as source_file,
        _source_line as source_line,
        _loaded_at as loaded_at

    from source

)

select * from renamed
