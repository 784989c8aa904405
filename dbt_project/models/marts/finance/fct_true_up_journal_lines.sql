-- One row per line of the proposed month-end true-up journal entry. Debits the inventory asset
-- and credits COGS (and the adjustment account for its part) when the ERP valuation is above
-- the GL inventory, the reverse when below. Each entry balances; none for a period whose
-- inventory already agrees or whose figures are incomplete.
with reconciliation as (

    select * from {{ ref('fct_cogs_reconciliation') }}
    where status <> 'incomplete' and true_up_amount <> 0

),

accounts as (

    select * from {{ ref('int_gl_accounts_classified') }}

),

primary_accounts as (

    -- The lowest-numbered account of each role receives the entry.
    select
        entity,
        role,
        min(account_number) as account_number

    from accounts
    where role in ('inventory_asset', 'cogs', 'inventory_adjustment')
    group by entity, role

),

line_amounts as (

    select entity, period_start, period_end, 1 as line_order,
        'inventory_asset' as role, true_up_amount as net_amount
    from reconciliation

    union all

    select entity, period_start, period_end, 2 as line_order,
        'inventory_adjustment' as role, -true_up_adjustment_amount as net_amount
    from reconciliation

    union all

    select entity, period_start, period_end, 3 as line_order,
        'cogs' as role, -true_up_cogs_amount as net_amount
    from reconciliation

),

lines_numbered as (

    select
        line_amounts.*,
        row_number() over (
            partition by line_amounts.entity, line_amounts.period_start
            order by case when line_amounts.net_amount > 0 then 0 else 1 end, line_amounts.line_order
        ) as line_number

    from line_amounts
    where net_amount <> 0

),

final as (

    select
        lines_numbered.entity,
        lines_numbered.period_start,
        lines_numbered.line_number,
        'TU-' || substring(cast(lines_numbered.period_start as {{ dbt.type_string() }}), 1, 7)
            as journal_number,
        lines_numbered.period_end as journal_date,
        primary_accounts.account_number,
        accounts.account_name,
        lines_numbered.role as account_role,
        {{ money('case when lines_numbered.net_amount > 0 then lines_numbered.net_amount else 0 end') }}
            as debit,
        {{ money('case when lines_numbered.net_amount < 0 then -lines_numbered.net_amount else 0 end') }}
            as credit,
        'Month-end inventory true-up to the ERP valuation at '
            || cast(lines_numbered.period_end as {{ dbt.type_string() }}) as memo

    from lines_numbered
    left join primary_accounts
        on lines_numbered.entity = primary_accounts.entity
        and lines_numbered.role = primary_accounts.role
    left join accounts
        on primary_accounts.entity = accounts.entity
        and primary_accounts.account_number = accounts.account_number

)

select * from final
