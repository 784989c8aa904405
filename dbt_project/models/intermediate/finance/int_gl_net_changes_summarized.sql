-- One row per entity and period with accepted GL lines: the period's net change (debit
-- positive) on the accounts of each inventory-related role, and its line count. The ledger is
-- summed once, per period, here; balances are rolled forward from these rows.
with journal_lines as (

    select * from {{ ref('int_gl_journal_lines_validated') }}
    where reject_reason is null
        and {{ in_period_window('period_start') }}

),

accounts as (

    select * from {{ ref('int_gl_accounts_classified') }}

),

net_changes_summarized as (

    select
        journal_lines.entity,
        journal_lines.period_start,
        {%- for role in ['cogs', 'inventory_asset', 'purchases', 'direct_cost_applied', 'inventory_adjustment'] %}
        {{ money("sum(case when accounts.role = '" ~ role ~ "' then journal_lines.net_amount else 0 end)") }}
            as {{ 'inventory' if role == 'inventory_asset' else role }}_net_change,
        {%- endfor %}
        count(*) as line_count

    from journal_lines
    inner join accounts
        on journal_lines.entity = accounts.entity
        and journal_lines.account_number = accounts.account_number
    group by journal_lines.entity, journal_lines.period_start

)

select * from net_changes_summarized
