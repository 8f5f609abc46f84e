from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from mentoring.models import Assignment

pytestmark = pytest.mark.django_db


def test_staff_assign_an_area_in_the_admin_one_area_at_a_time(client_as, mentor_a, areas):
    client = client_as(Role.STAF_DINAS)
    url = reverse("admin:mentoring_assignment_add")
    data = {"mentor": mentor_a.pk, "starts_on": "2025-07-01", "ends_on": "", "note": ""}

    both = client.post(url, {**data, "kelurahan": areas[1].pk, "kecamatan": areas[1].kecamatan_id})
    one = client.post(url, {**data, "kelurahan": areas[1].pk})

    assert "Pilih satu kelurahan atau satu kecamatan utuh" in both.content.decode()
    assert one.status_code == 302
    assert Assignment.objects.filter(mentor=mentor_a, starts_on=date(2025, 7, 1)).count() == 1


def test_assignments_are_ended_not_deleted(client_as, mentor_a):
    client = client_as(Role.STAF_DINAS)
    assignment = mentor_a.assignments.get()

    response = client.post(reverse("admin:mentoring_assignment_delete", args=[assignment.pk]))

    assert response.status_code == 403
    assert Assignment.objects.filter(pk=assignment.pk).exists()
