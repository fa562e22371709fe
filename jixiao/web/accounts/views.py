"""The API token page: create (the secret is shown once) and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jixiao.domain.errors import message
from jixiao.web.accounts import forms
from jixiao.web.records import models as db

# -- API tokens ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
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
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
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
