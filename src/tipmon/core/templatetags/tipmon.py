from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ counts|get_item:state }}``: look up a key in a dict."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def get_field(form: Any, name: str) -> Any:
    """``{{ form|get_field:name }}``: a bound field by name."""
    return form[name]


@register.filter
def split_words(value: str) -> list[str]:
    return value.split()
