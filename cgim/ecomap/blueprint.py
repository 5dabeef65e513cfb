"""The eco-map's one blueprint, shared by the map's views and the person's screens."""

from flask import Blueprint

bp = Blueprint("ecomap", __name__)
