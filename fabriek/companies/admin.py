from django.contrib import admin

from fabriek.companies.models import Company, CompanyRole, Person
from fabriek.core.admin import ViewOnlyAdmin


class CompanyRoleInline(admin.TabularInline):
    model = CompanyRole
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Company)
class CompanyAdmin(ViewOnlyAdmin):
    list_display = ["name", "kvk_number", "postcode", "municipality_code", "sbi_code", "founded_on"]
    list_filter = ["programmes"]
    search_fields = ["name", "kvk_number"]
    filter_horizontal = ["programmes"]
    inlines = [CompanyRoleInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "phone"]
    search_fields = ["name", "email"]


@admin.register(CompanyRole)
class CompanyRoleAdmin(ViewOnlyAdmin):
    list_display = ["person", "role", "company"]
    list_filter = ["role"]
    search_fields = ["person__name", "company__name", "company__kvk_number"]
    list_select_related = ["person", "company"]
    autocomplete_fields = ["person", "company"]
