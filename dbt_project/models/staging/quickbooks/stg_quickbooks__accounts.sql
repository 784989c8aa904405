with source as (

    select * from {{ source('quickbooks', 'accounts') }}

),

renamed as (

    select
        coalesce(nullif(trim(entity), ''), 'default') as entity,
        nullif(trim(account_number), '') as account_number,
        trim(account_name) as account_name,
        trim(account_type) as account_type,
        trim(detail_type) as detail_type,
        _source_file as source_file,
        _source_line as source_line,
        _loaded_at as loaded_at

    from source

)

select * from renamed
