"""factory_boy factories shared by the whole suite."""

import factory
from django.contrib.auth.models import Group

from cilegon_umkm.accounts.models import User

TEST_PASSWORD = "test-pass-cilegon-1"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `roles=[Role.STAF_DINAS, ...]` puts them in those role groups."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=[role.value for role in extracted]))
