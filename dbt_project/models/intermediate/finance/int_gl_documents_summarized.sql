-- One row per entity, GL document and period: what its accepted lines moved on the inventory
-- asset and COGS accounts (debit positive). A line without doc_number is its own document,
-- named by its transaction_id.
with journal_lines as (

    select * from {{ ref('int_gl_journal_lines_validated') }}
    where reject_reason is null
        and {{ in_period_window('period_start') }}

),

accounts as (

    select * from {{ ref('int_gl_accounts_classified') }}
    where role in ('inventory_asset', 'cogs')

),

lines_on_reconciled_accounts as (

    select
        journal_lines.entity,
        coalesce(journal_lines.doc_number, journal_lines.transaction_id) as document_reference,
        journal_lines.period_start,
        journal_lines.txn_type,
        accounts.role,
        journal_lines.net_amount

    from journal_lines
    inner join accounts
        on journal_lines.entity = accounts.entity
        and journal_lines.account_number = accounts.account_number

),

documents_summarized as (

    select
        entity,
        document_reference,
        period_start,
        max(case when txn_type = 'Journal Entry' then 1 else 0 end) = 1 as is_journal_entry,
        {{ money("sum(case when role = 'inventory_asset' then net_amount else 0 end)") }}
            as gl_inventory_amount,
        {{ money("sum(case when role = 'cogs' then net_amount else 0 end)") }}
            as gl_cogs_amount

    from lines_on_reconciled_accounts
    group by entity, document_reference, period_start

)

select * from documents_summarized
