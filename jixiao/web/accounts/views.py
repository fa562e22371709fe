"""The API token page: create (the secret is shown once) and revoke."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from jixiao.domain.errors import message
from jixiao.web import drafts
from jixiao.web.accounts import forms
from jixiao.web.accounts.middleware import MUST_CHANGE_KEY
from jixiao.web.accounts.models import AccountState
from jixiao.web.records import models as db
from jixiao.web.requests import AuthenticatedHttpRequest

# -- API tokens ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    from jixiao.web.accounts.tokens import token_create

    form = forms.TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        secret = token_create(user=request.user, name=form.cleaned_data["name"])
        form = forms.TokenForm()
    rows = db.ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"tokens": rows, "form": form, "secret": secret})


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = db.ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404(message("web.not_found", {}))
    if request.method == "POST":
        from jixiao.web.audit.services import audit_record

        audit_record(action="jixiao.token.revoked", target=token, label=token.name)
        token.delete()
        messages.success(request, message("auth.token_revoked", {"name": token.name}))
        return redirect("tokens")
    return render(request, "accounts/token_revoke.html", {"token": token})


# -- password ------------------------------------------------------------------------------------------------------


class PasswordChange(auth_views.PasswordChangeView):
    """Change one's own password (the old one, then the new one twice, checked against the policy); a forced
    change after an administrator's reset ends here too."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "policy": password_validators_help_texts()}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        AccountState.objects.update_or_create(user=user, defaults={"must_change_password": False})
        self.request.session.pop(MUST_CHANGE_KEY, None)
        from jixiao.web.audit.services import audit_record

        audit_record(action="jixiao.auth.password_changed", actor=user, target=user, request=self.request)
        messages.success(self.request, message("password.changed", {}))
        return response


# -- a stale page ----------------------------------------------------------------------------------------------


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form posted from a page older than the current sign-in (another tab signed in or out
    again). Nothing is saved; what was typed is kept and restored on the page it came from."""
    kept = drafts.keepable(request) and drafts.keep(request)
    context = {"text": message("web.csrf_kept" if kept else "web.csrf_lost", {}), "back": request.path, "kept": kept}
    return render(request, "accounts/csrf_failure.html", context, status=403)
