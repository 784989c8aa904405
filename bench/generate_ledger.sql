-- A synthetic inventory-mode company of any size, written as canonical export CSVs.
-- Set-based: DuckDB generates every row. Parameters are substituted by bench_reconciliation.py:
--   {movements} ERP movements, a third receipts (2 GL lines each) and two thirds deliveries
--   (4 GL lines each), over {months} months from 2021-01, {skus} SKUs at one location, into {out}.
create or replace temp table skus as
select
    'SKU-' || lpad(cast(i as varchar), 5, '0') as item_sku,
    cast(10 + (i % 97) + (i % 13) / 100.0 as decimal(18, 2)) as unit_cost
from range(1, {skus} + 1) as t(i);

create or replace temp table movements as
select
    'T' || cast(i as varchar) as transaction_id,
    cast(date '2021-01-01' + to_months(cast(i % {months} as integer))
        + to_days(cast(i % 28 as integer)) as date) as posted_date,
    case when i % 3 = 0 then 'RECEIPT' else 'DELIVERY' end as transaction_type,
    case when i % 3 = 0 then 'PO-' else 'INV-' end || cast(i as varchar) as reference,
    skus.item_sku,
    skus.unit_cost,
    cast(case when i % 3 = 0 then 2 else -1 end * (1 + i % 5) as integer) as quantity
from range(1, {movements} + 1) as t(i)
inner join skus on skus.item_sku = 'SKU-' || lpad(cast(1 + i % {skus} as varchar), 5, '0');

copy (
    select 'E1' as entity, transaction_id, posted_date, transaction_type, reference, item_sku,
        'MAIN' as location, quantity, cast(quantity * unit_cost as decimal(18, 2)) as extended_cost,
        '' as memo
    from movements
) to '{out}/erp_inventory_transactions.csv' (header);

-- Opening value 100000.00 per SKU, then every month end rolled forward from the movements.
copy (
    with month_ends as (
        select cast(date '2021-01-01' + to_months(cast(m as integer)) - interval 1 day as date)
            as as_of_date
        from range(0, {months} + 1) as t(m)
    ),
    monthly as (
        select item_sku, last_day(posted_date) as as_of_date,
            sum(quantity) as quantity, sum(cast(quantity * unit_cost as decimal(18, 2))) as value
        from movements group by all
    )
    select 'E1' as entity, month_ends.as_of_date, skus.item_sku, 'MAIN' as location,
        10000 + coalesce(sum(monthly.quantity), 0) as quantity_on_hand,
        cast(100000.00 + coalesce(sum(monthly.value), 0) as decimal(18, 2)) as total_value
    from month_ends
    cross join skus
    left join monthly
        on monthly.item_sku = skus.item_sku and monthly.as_of_date <= month_ends.as_of_date
    group by all
) to '{out}/erp_inventory_valuation.csv' (header);

copy (
    select * from (values
        ('E1', '1200', 'Accounts Receivable', 'Accounts receivable (A/R)', 'Accounts Receivable (A/R)'),
        ('E1', '1300', 'Inventory Asset', 'Other Current Asset', 'Inventory'),
        ('E1', '2000', 'Accounts Payable', 'Accounts payable (A/P)', 'Accounts Payable (A/P)'),
        ('E1', '3000', 'Opening Balance Equity', 'Equity', 'Opening Balance Equity'),
        ('E1', '4000', 'Sales', 'Income', 'Sales of Product Income'),
        ('E1', '5000', 'Cost of Goods Sold', 'Cost of Goods Sold', 'Supplies & Materials - COGS')
    ) as accounts(entity, account_number, account_name, account_type, detail_type)
) to '{out}/gl_accounts.csv' (header);

-- Receipts: Dr 1300 / Cr 2000. Deliveries: Dr 1200 / Cr 4000 at a 30% markup, Dr 5000 / Cr 1300.
copy (
    with costed as (
        select *, cast(abs(quantity) * unit_cost as decimal(18, 2)) as cost from movements
    ),
    lines as (
        select transaction_id, posted_date, reference, 1 as line_number, '1300' as account_number,
            cost as debit, null as credit from costed where transaction_type = 'RECEIPT'
        union all
        select transaction_id, posted_date, reference, 2, '2000', null, cost
        from costed where transaction_type = 'RECEIPT'
        union all
        select transaction_id, posted_date, reference, 1, '1200',
            cast(cost * 1.3 as decimal(18, 2)), null from costed where transaction_type = 'DELIVERY'
        union all
        select transaction_id, posted_date, reference, 2, '4000', null,
            cast(cost * 1.3 as decimal(18, 2)) from costed where transaction_type = 'DELIVERY'
        union all
        select transaction_id, posted_date, reference, 3, '5000', cost, null
        from costed where transaction_type = 'DELIVERY'
        union all
        select transaction_id, posted_date, reference, 4, '1300', null, cost
        from costed where transaction_type = 'DELIVERY'
        union all
        select 'OB', date '2020-12-31', 'OB', 1, '1300', 100000.00 * {skus}, null
        union all
        select 'OB', date '2020-12-31', 'OB', 2, '3000', null, 100000.00 * {skus}
    )
    select 'E1' as entity, transaction_id, line_number, posted_date as txn_date,
        'Journal Entry' as txn_type, reference as doc_number, account_number,
        cast(debit as decimal(18, 2)) as debit, cast(credit as decimal(18, 2)) as credit,
        '' as name, '' as memo
    from lines
) to '{out}/gl_journal_lines.csv' (header);
