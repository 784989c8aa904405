-- One row per accepted account with the role in force: cogs_recon.yml first, then the first
-- matching inference rule on account or detail type, else `other`.
with accounts as (

    select * from {{ ref('int_gl_accounts_validated') }}
    where reject_reason is null

),

role_overrides as (

    select * from {{ ref('stg_config__account_role_overrides') }}

),

role_rules as (

    select * from {{ ref('account_role_rules') }}

),

rule_matches as (

    select
        accounts.entity,
        accounts.account_number,
        role_rules.role,
        row_number() over (
            partition by accounts.entity, accounts.account_number
            order by role_rules.precedence
        ) as match_rank

    from accounts
    inner join role_rules
        on lower(role_rules.match_value) = lower(
            case role_rules.match_column
                when 'detail_type' then accounts.detail_type
                else accounts.account_type
            end
        )

),

accounts_classified as (

    select
        accounts.entity,
        accounts.account_number,
        accounts.account_name,
        accounts.account_type,
        accounts.detail_type,
        coalesce(role_overrides.role, rule_matches.role, 'other') as role,
        case
            when role_overrides.role is not null then 'configured'
            when rule_matches.role is not null then 'inferred'
            else 'default'
        end as role_source

    from accounts
    left join role_overrides
        on accounts.account_number = role_overrides.account_number
    left join rule_matches
        on accounts.entity = rule_matches.entity
        and accounts.account_number = rule_matches.account_number
        and rule_matches.match_rank = 1

)

select * from accounts_classified
