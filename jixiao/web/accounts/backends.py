"""The authentication backend: Django's own (hashed passwords, active users only), reading a signed-in
user's membership, organisation and region in the same query as the user, since every page asks for
them (the navigation, the access helpers, the region's data version)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class MemberBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        users = get_user_model()._default_manager.select_related("membership__organisation__region")
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
