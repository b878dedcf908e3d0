"""Factories for the character library."""

from __future__ import annotations

import factory

from accounts.tests.factories import UserFactory
from characters.models import Character


class CharacterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Character

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Pip {n}")
    name_key = factory.LazyAttribute(lambda character: Character.key_for(character.name))
    description = "a small grey seagull with a crooked beak"
    key_traits = "brave, loyal"
