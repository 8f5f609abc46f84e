from .navigation import active_item, nav_items_for


def navigation(request):
    """The sections the current user may open (menu and home page) and the current one."""
    user = getattr(request, "user", None)
    items = nav_items_for(user) if user is not None else []
    match = getattr(request, "resolver_match", None)
    return {"nav_items": items, "nav_active": active_item(items, match and match.view_name)}
