-- Invariant: every accepted GL transaction nets to zero (its debits equal its credits), so the
-- ledger side of the reconciliation is read from balanced double entries only.
-- Returns one row per accepted transaction that does not balance.
with accepted_lines as (

    select * from {{ ref('int_gl_journal_lines_validated') }}
    where reject_reason is null

),

transactions_totalled as (

    select
        entity,
        transaction_id,
        count(*) as line_count,
        sum(debit_amount) as debit_amount,
        sum(credit_amount) as credit_amount,
        sum(net_amount) as net_amount

    from accepted_lines
    group by entity, transaction_id

)

select * from transactions_totalled
where net_amount <> 0 or debit_amount <> credit_amount
