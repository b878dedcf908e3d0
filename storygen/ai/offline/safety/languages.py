"""Unsafe words of other languages, by category: a brief is not cleared just by being written
in Spanish, French, German, Italian or Portuguese.

Knowing too little of those languages to tell peril from harm, the classifier treats them
all as harm.
"""

from __future__ import annotations

#: A few unsafe words of other languages, by category (Spanish, French, German, Italian,
#: Portuguese), so a brief is not cleared just by being written in another language.
FOREIGN_TERMS: dict[str, tuple[str, ...]] = {
    "violence": (
        "matar",
        "asesinar",
        "asesinato",
        "sangre",
        "tuer",
        "meurtre",
        "assassiner",
        "töten",
        "ermorden",
        "mord",
        "uccidere",
        "omicidio",
        "assassinar",
    ),
    "sexual": (
        "sexo",
        "desnudo",
        "desnuda",
        "sexe",
        "nue",
        "nackt",
        "porno",
        "sesso",
    ),
    "self-harm": ("suicidio", "suicidarse", "suicide", "selbstmord", "suicídio"),
    "hate": ("untermensch", "raza superior", "race supérieure", "herrenrasse"),
    "harassment": ("idiota", "imbécile", "idiot", "mátate", "tue-toi", "bring dich um"),
    "illicit": ("cocaína", "droga", "drogas", "drogue", "drogen", "kokain", "bomba casera"),
}
