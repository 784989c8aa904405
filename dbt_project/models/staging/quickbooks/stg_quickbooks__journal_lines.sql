with source as (

    select * from {{ source('quickbooks', 'journal_lines') }}

),

renamed as (

    select
        coalesce(nullif(trim(entity), ''), 'default') as entity,
        nullif(trim(transaction_id), '') as transaction_id,
        {{ dbt.safe_cast('trim(line_number)', 'integer') }} as line_number,
        {{ dbt.safe_cast('trim(txn_date)', 'date') }} as txn_date,
        trim(txn_type) as txn_type,
        nullif(trim(doc_number), '') as doc_number,
        nullif(trim(account_number), '') as account_number,
        {{ dbt.safe_cast("coalesce(nullif(trim(debit), ''), '0')", 'decimal(18, 2)') }}
            as debit_amount,
        {{ dbt.safe_cast("coalesce(nullif(trim(credit), ''), '0')", 'decimal(18, 2)') }}
            as credit_amount,
        name,
        memo,
        trim(line_number) as line_number_text,
        trim(txn_date) as txn_date_text,
        coalesce(nullif(trim(debit), ''), '0') as debit_text,
        coalesce(nullif(trim(credit), ''), '0') as credit_text,
        _source_file as source_file,
        _source_line as source_line,
        _loaded_at as loaded_at

    from source

)

select * from renamed
