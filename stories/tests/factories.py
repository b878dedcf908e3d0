"""Factories for stories models."""

from __future__ import annotations

import factory

from accounts.tests.factories import UserFactory
from stories.models import GenerationTask, Page, StepStatus, Story, StoryCharacter


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"The Lantern Keeper {n}")
    outline = "A shy lighthouse keeper's daughter finds a lost whale calf and guides it home."
    genre = "Children's"
    num_pages = 3
    status = Story.Status.READY
    provider = "offline"


class StoryCharacterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryCharacter

    story = factory.SubFactory(StoryFactory)
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Mira {n}")
    description = "a girl with curly red hair"
    clothing_style = "yellow raincoat"


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    story = factory.SubFactory(StoryFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "The lamp glowed over the grey sea."
    original_text = factory.SelfAttribute("text")
    image_description = "A lighthouse at dusk."
    status = StepStatus.PENDING


class GenerationTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GenerationTask

    story = factory.SubFactory(StoryFactory)
    user = factory.SelfAttribute("story.owner")
