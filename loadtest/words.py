"""Word lists and text templates for the seeded catalog.

Topics are weighted so that the search terms the load test uses ("python", "data",
"design", ...) each match roughly 1-10% of the courses (substring search over title
and description), like a real catalog where common words are the hard case.
"""

from __future__ import annotations

# (topic, weight, related skill words used in the description)
TOPICS: list[tuple[str, int, tuple[str, ...]]] = [
    ("Python", 6, ("scripting", "automation", "testing")),
    ("Data Analysis", 4, ("spreadsheets", "statistics", "visualisation")),
    ("Machine Learning", 4, ("models", "statistics", "feature engineering")),
    ("Web Design", 4, ("layout", "typography", "colour")),
    ("JavaScript", 5, ("the browser", "async code", "tooling")),
    ("SQL", 3, ("queries", "indexes", "joins")),
    ("Photography", 3, ("lighting", "composition", "editing")),
    ("Marketing", 4, ("campaigns", "copywriting", "analytics")),
    ("Graphic Design", 3, ("branding", "illustration", "layout")),
    ("Project Management", 4, ("planning", "teams", "risk")),
    ("Public Speaking", 2, ("storytelling", "slides", "confidence")),
    ("Rust", 2, ("ownership", "concurrency", "tooling")),
    ("Go", 2, ("concurrency", "services", "tooling")),
    ("Cloud Computing", 3, ("deployment", "networking", "cost control")),
    ("Cybersecurity", 3, ("threat models", "cryptography", "incident response")),
    ("Digital Painting", 2, ("brushes", "colour", "composition")),
    ("Music Theory", 2, ("harmony", "rhythm", "ear training")),
    ("Spanish", 2, ("grammar", "conversation", "vocabulary")),
    ("Personal Finance", 3, ("budgeting", "investing", "taxes")),
    ("UX Research", 2, ("interviews", "usability", "personas")),
    ("Kubernetes", 2, ("clusters", "deployment", "networking")),
    ("React", 3, ("components", "state", "hooks")),
    ("Statistics", 3, ("probability", "inference", "regression")),
    ("Excel", 3, ("formulas", "pivot tables", "charts")),
    ("Creative Writing", 2, ("plot", "character", "editing")),
    ("Leadership", 2, ("feedback", "teams", "strategy")),
    ("Mobile Development", 3, ("apps", "layouts", "publishing")),
    ("Game Development", 2, ("game loops", "physics", "level design")),
    ("Cooking", 2, ("knife skills", "sauces", "baking")),
    ("Yoga", 1, ("breathing", "posture", "flexibility")),
]

TOPIC_NAMES = [t[0] for t in TOPICS]

# Category (slug, see backend_services/course/categories.py) of every topic.
TOPIC_CATEGORIES = {
    "Python": "programming",
    "Data Analysis": "data-science",
    "Machine Learning": "data-science",
    "Web Design": "design",
    "JavaScript": "programming",
    "SQL": "data-science",
    "Photography": "arts",
    "Marketing": "business",
    "Graphic Design": "design",
    "Project Management": "business",
    "Public Speaking": "personal-development",
    "Rust": "programming",
    "Go": "programming",
    "Cloud Computing": "it-and-cloud",
    "Cybersecurity": "it-and-cloud",
    "Digital Painting": "arts",
    "Music Theory": "arts",
    "Spanish": "languages",
    "Personal Finance": "personal-development",
    "UX Research": "design",
    "Kubernetes": "it-and-cloud",
    "React": "programming",
    "Statistics": "data-science",
    "Excel": "business",
    "Creative Writing": "arts",
    "Leadership": "business",
    "Mobile Development": "programming",
    "Game Development": "programming",
    "Cooking": "personal-development",
    "Yoga": "personal-development",
}
TOPIC_WEIGHTS = [t[1] for t in TOPICS]

TITLE_PATTERNS = [
    "{topic} for Beginners",
    "Complete {topic} Bootcamp",
    "Practical {topic}",
    "{topic}: From Zero to Hero",
    "Advanced {topic} Techniques",
    "{topic} in 30 Days",
    "Mastering {topic}",
    "{topic} Essentials",
    "Hands-on {topic} Projects",
    "The {topic} Masterclass",
]

DESCRIPTION_PATTERNS = [
    "Learn {topic} step by step with short lessons on {skill} and {skill2}. "
    "Each module ends with an exercise you can finish in an evening.",
    "A practical course on {topic}: real projects, clear explanations of {skill}, "
    "and plenty of practice with {skill2}.",
    "This course takes you through {topic} the way professionals use it every day, "
    "with a focus on {skill} and {skill2}.",
    "Short, focused lessons on {topic}. You will cover {skill}, then {skill2}, "
    "and finish with a small capstone project.",
]

MODULE_STAGES = [
    "Getting started",
    "Core concepts",
    "Working with real examples",
    "Common mistakes",
    "Going further",
    "Projects",
    "Best practices",
    "Wrap-up",
]

LESSON_PHRASES = [
    "Overview",
    "First steps",
    "Key ideas",
    "A worked example",
    "Exercise",
    "Review and quiz",
    "Tips and tricks",
    "Putting it together",
    "Troubleshooting",
    "Summary",
]

FIRST_NAMES = [
    "Anna",
    "Boris",
    "Chen",
    "Dmitri",
    "Elena",
    "Fatima",
    "George",
    "Hana",
    "Ivan",
    "Julia",
    "Kofi",
    "Lena",
    "Maria",
    "Nikolai",
    "Olga",
    "Pedro",
    "Qing",
    "Rosa",
    "Sergei",
    "Tanya",
    "Umar",
    "Vera",
    "Wei",
    "Xenia",
    "Yuri",
    "Zara",
]
LAST_NAMES = [
    "Smith",
    "Ivanova",
    "Garcia",
    "Kim",
    "Petrov",
    "Nguyen",
    "Muller",
    "Rossi",
    "Sato",
    "Kowalski",
    "Silva",
    "Johnson",
    "Sokolova",
    "Haddad",
    "Okafor",
    "Larsen",
]

REVIEW_COMMENTS = {
    1: ["Not what I expected.", "Too shallow for me.", "Hard to follow."],
    2: ["Some useful parts, but uneven.", "The pace was too slow."],
    3: ["Decent course.", "Okay overall, the exercises helped.", "Good start, needs more depth."],
    4: ["Very good, clear explanations.", "Useful and well structured.", "Learned a lot."],
    5: ["Excellent course!", "The best course on this topic.", "Clear, practical, fun."],
}
RATING_WEIGHTS = [5, 7, 15, 33, 40]

VIDEO_URLS = [
    "https://www.youtube.com/watch?v=rfscVS0vtbw",
    "https://www.youtube.com/watch?v=kqtD5dpn9C8",
    "https://www.youtube.com/watch?v=8DvywoWv6fI",
    "https://www.youtube.com/watch?v=_uQrJ0TkZlc",
    "https://vimeo.com/76979871",
    None,
    None,
]

_LESSON_CONTENT = """# {title}

In this lesson we look at **{topic}**: {skill} in practice.

## What you will learn

- the idea behind {skill}
- how it fits with the rest of {topic}
- one common mistake and how to avoid it

## Example

```
step 1: read the brief
step 2: try it yourself
step 3: compare with the solution
```

> Tip: take notes, then try the exercise before watching the solution.
"""


def lesson_contents(topic_index: int) -> list[str]:
    """A few pre-rendered markdown bodies per topic (rendered once, reused by every lesson)."""
    topic, _, skills = TOPICS[topic_index]
    return [
        _LESSON_CONTENT.format(title=f"{phrase} - {topic}", topic=topic, skill=skills[i % 3])
        for i, phrase in enumerate(LESSON_PHRASES)
    ]
