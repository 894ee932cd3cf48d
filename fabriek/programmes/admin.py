from django.contrib import admin

from fabriek.core.admin import AuditedAdmin, ViewOnlyAdmin
from fabriek.programmes.models import BudgetLine, Location, PlanPeriod, Programme, ServicePackage, Target


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(PlanPeriod)
class PlanPeriodAdmin(AuditedAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on"]
    list_filter = ["programme"]
    search_fields = ["name", "programme__name"]
    list_select_related = ["programme"]
    inlines = [TargetInline, BudgetLineInline]


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ["plan_period", "indicator", "value"]
    list_filter = ["plan_period__programme", "indicator"]
    search_fields = ["plan_period__name", "indicator"]
    list_select_related = ["plan_period__programme"]


@admin.register(BudgetLine)
class BudgetLineAdmin(AuditedAdmin):
    list_display = ["plan_period", "year", "name", "amount_cents"]
    list_filter = ["plan_period__programme", "year"]
    search_fields = ["name", "plan_period__name"]
    list_select_related = ["plan_period__programme"]


@admin.register(Location)
class LocationAdmin(ViewOnlyAdmin):
    list_display = ["name", "programme", "kind", "status", "opened_on", "closed_on", "desk_capacity"]
    list_filter = ["programme", "kind", "status"]
    search_fields = ["name", "address", "municipality_code"]
    list_select_related = ["programme"]


@admin.register(ServicePackage)
class ServicePackageAdmin(AuditedAdmin):
    list_display = [
        "name",
        "programme",
        "kind",
        "monthly_price_cents",
        "includes_workspace",
        "flexible_desk_days_per_week",
    ]
    list_filter = ["programme", "kind", "includes_workspace"]
    search_fields = ["name"]
    list_select_related = ["programme"]
