"""The certificate: a printable page with a QR code, and the public page the code leads to,
which anyone can open without logging in and which shows only what the paper shows: both
read what the certificate froze on the day of issue."""

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required

from ..models import Certificate
from ..selectors.certificates import certificate_by_code_or_number


@require_GET
@section_required(Section.TRAINING)
def certificate_print(request, pk: int):
    certificate = get_object_or_404(Certificate, pk=pk)
    url = request.build_absolute_uri(certificate.get_verification_url())
    # segno writes the SVG itself from the URL: no user text goes into it unescaped.
    qr = mark_safe(segno.make(url, error="m").svg_inline(scale=4, omitsize=True))  # noqa: S308
    return render(
        request,
        "training/certificate_print.html",
        {
            "certificate": certificate,
            "qr": qr,
            "verification_url": url,
            "logo": settings.CERTIFICATE_LOGO,
        },
    )


@require_GET
@login_not_required
def certificate_verify(request, code: str):
    """Public: number, holder, track, dates and whether it is valid. Never the NIK."""
    # A NUL is in no code, and PostgreSQL refuses it in a query (a server error).
    certificate = None if "\x00" in code else Certificate.objects.filter(code=code).first()
    status = 404 if certificate is None else 200
    return render(
        request,
        "training/certificate_verify.html",
        {"certificate": certificate, "today": timezone.localdate()},
        status=status,
    )


@require_GET
@login_not_required
def certificate_lookup(request):
    """Public: type a certificate's code or number as it is printed (any case, with or
    without dashes and spaces) and open its verification page."""
    typed = (request.GET.get("kode") or "").strip()[:60]
    if typed and "\x00" not in typed:
        certificate = certificate_by_code_or_number(typed)
        if certificate is not None:
            return redirect("certificate-verify", code=certificate.code)
    return render(
        request,
        "training/certificate_lookup.html",
        {"typed": typed, "not_found": bool(typed)},
        status=404 if typed else 200,
    )
