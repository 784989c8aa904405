{#
  Turns an ordered list of checks into the two columns every validated model carries:
  rejected_column (the first column that failed) and reject_reason (why, with the text read).
  Each check is a dict: {"column": ..., "failed_when": <sql condition>, "reason": <sql text expression>}.
#}
{% macro reject_reason_columns(checks) -%}
    case
        {%- for check in checks %}
        when {{ check.failed_when }} then '{{ check.column }}'
        {%- endfor %}
    end as rejected_column,
    case
        {%- for check in checks %}
        when {{ check.failed_when }} then {{ check.reason }}
        {%- endfor %}
    end as reject_reason
{%- endmacro %}
