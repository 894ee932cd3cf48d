from django.urls import path

from fabriek.accounts import invitation_views, password_views, security_views, two_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password_change/", password_views.password_change, name="password_change"),
    path("password_change/done/", password_views.password_change_done, name="password_change_done"),
    path("password_reset/", password_views.password_reset, name="password_reset"),
    path("password_reset/done/", password_views.password_reset_done, name="password_reset_done"),
    path("reset/<uidb64>/<token>/", password_views.password_reset_confirm, name="password_reset_confirm"),
    path("reset/done/", password_views.password_reset_complete, name="password_reset_complete"),
    path("security/", security_views.security, name="security"),
    path("tokens/<int:pk>/revoke/", security_views.token_revoke, name="token-revoke"),
    path("two-factor/", two_factor_views.verify, name="two-factor-verify"),
    path("two-factor/setup/", two_factor_views.setup, name="two-factor-setup"),
    path("two-factor/recovery-codes/", two_factor_views.recovery_codes, name="two-factor-recovery-codes"),
    path("two-factor/remove/", two_factor_views.remove, name="two-factor-remove"),
    path("invitation/", invitation_views.invitation_accept, name="invitation-accept"),
]
