-- One row per account of each entity's chart (latest file wins per entity and account_number).
with accounts as (

    select * from {{ ref('stg_quickbooks__accounts') }}

),

accounts_ranked as (

    select
        *,
        row_number() over (
            partition by entity, account_number
            order by source_file desc, source_line desc
        ) as version_rank

    from accounts

),

latest_accounts as (

    select * from accounts_ranked
    where version_rank = 1 or account_number is null

),

accounts_checked as (

    select
        *,
        {{ reject_reason_columns([
            {"column": "account_number", "failed_when": "account_number is null",
             "reason": "'account_number is empty'"},
        ]) }}

    from latest_accounts

),

final as (

    select
        entity,
        account_number,
        account_name,
        account_type,
        detail_type,
        source_file,
        source_line,
        rejected_column,
        reject_reason

    from accounts_checked

)

select * from final
