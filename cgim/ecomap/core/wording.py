"""Every sentence the analysis says to parents, in one place so it can be reviewed and translated.

Plain, protective, never accusing (domain.md 4 and 5): reasons say what is good, cautions
say what to watch for and what to do, exclusions say why without blaming anyone.
"""

# What each worry does, and its words (the effect, the caution, the step), are in worries.py.
SUPPORT_WORDS = {
    "emotional": "They already listen to your child",
    "practical": "They already help with practical things",
    "informational": "They already help with advice and information",
    "companionship": "They already share fun and interests with your child",
}
FIT_WORDS = {
    "shares_interests": "They share your child's interests",
    "lives_nearby": "They live nearby",
    "reliable": "They are reliable",
    "available_weekly": "They could make time every week",
    "knows_child_needs": "They understand what your child needs",
    "positive_role_model": "They are a good example for your child",
}
REASON_WORDS = {
    ("closeness", 3): "Your child feels close to them",
    ("closeness", 2): "Your child knows them fairly well",
    ("contact", "daily"): "They see your child every day",
    ("contact", "weekly"): "They see your child every week",
    ("contact", "monthly"): "They see your child every month",
    ("child_feels", "likes"): "Your child likes being with them",
    ("parent_trust", "high"): "You trust them",
    ("parent_trust", "some"): "You trust them somewhat",
}
CAUTION_WORDS = {
    ("contact", "rarely"): "They rarely see your child: regular contact is what helps most",
    ("contact", "never"): "They do not see your child at the moment",
    ("child_feels", "neutral"): "Your child feels neutral about them: ask what your child thinks",
    ("child_feels", "unknown"): "Ask your child how they feel about them first",
    ("parent_trust", "unknown"): "Take time to get to know them before you ask",
}
SAY = {
    # Shown with every list of suggestions (templates say it too, through _()): nobody can
    # clear an adult, so the app says what it cannot know (domain.md 4).
    "cannot_know": (
        "These are ideas from what you told us. "
        "No app can know whether someone is safe: you and your child decide."
    ),
    "serious": "You noted a worry: they {what}",
    "now": "What you could do now: {step}",
    "professional": "They already help in their job; mentoring is a different, personal role",
    "uneasy": "Your child feels uneasy around them: your child's feelings come first",
    "low_trust": "You do not trust them much: trust your gut",
    "stressful_child": "Things are tense between them and your child",
    "stressful_me": "Things are tense between you and them: would that get in the way?",
    "close_to_me": "They are close to you",
    "close_to": "They are close to {name}, whom you trust",
    "not_close": "They are not close to your child yet",
    "via_me": "You know them well: you could invite them to something you do with your child",
    "via": "{via} knows them well and could introduce them",
    "via_two": "{via} could ask {middle}, who knows them well, to introduce them",
}
