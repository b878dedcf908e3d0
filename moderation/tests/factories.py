"""Factories for moderation tests: administrators and audit rows."""

from __future__ import annotations

import factory

from accounts.models import User
from accounts.tests.factories import UserFactory
from moderation.models import ModerationAction


class AdminFactory(UserFactory):
    role = User.Role.ADMIN
    is_staff = True
    is_superuser = True


class ModerationActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModerationAction

    actor = factory.SubFactory(AdminFactory)
    actor_username = factory.SelfAttribute("actor.username")
    action = ModerationAction.Action.STORY_HIDDEN
    target_type = ModerationAction.TargetType.STORY
    target_id = factory.Sequence(lambda n: n + 1)
    target_label = "The Lantern Keeper"
