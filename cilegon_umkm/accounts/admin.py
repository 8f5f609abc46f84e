from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.admin import DateHierarchyMixin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "role_list", "is_active")
    list_filter = ("groups", "is_active", "is_staff", "is_superuser")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("Roles"))
    def role_list(self, obj: User) -> str:
        return ", ".join(obj.role_names)


# django-axes' login logs, as axes registers them but with the date hierarchy that answers a
# year it cannot read with "invalid lookup" rather than a server error (kernel.admin).
@admin.register(AccessAttempt)
class LoginAttemptAdmin(DateHierarchyMixin, AccessAttemptAdmin):
    pass


@admin.register(AccessLog)
class LoginLogAdmin(DateHierarchyMixin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class LoginFailureLogAdmin(DateHierarchyMixin, AccessFailureLogAdmin):
    pass
