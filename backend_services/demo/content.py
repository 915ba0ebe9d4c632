"""The demo catalog: a few real-looking courses in English and Russian, free and paid."""

from __future__ import annotations

from dataclasses import dataclass, field

from backend_services.course.schemas import Level

DEMO_PASSWORD = "demo-pass-123"  # noqa: S105 - a documented, development-only demo credential
DEMO_TEACHER = ("teacher@demo.eduplatform.com", "Maria Lebedeva")
DEMO_STUDENT = ("student@demo.eduplatform.com", "Alex Kim")


@dataclass(frozen=True)
class DemoLesson:
    title: str
    content: str
    minutes: int
    video_url: str | None = None


@dataclass(frozen=True)
class DemoCourse:
    title: str
    description: str
    level: Level
    minutes: int
    price: str | None = None  # None: free
    modules: dict[str, list[DemoLesson]] = field(default_factory=dict)


PYTHON = DemoCourse(
    title="Python for Absolute Beginners",
    description=(
        "Write your first programs in Python: values and variables, decisions and loops, "
        "functions and small projects. No experience needed - just curiosity and a laptop."
    ),
    level="beginner",
    minutes=240,
    modules={
        "Getting started": [
            DemoLesson(
                "Why Python?",
                "# Why Python?\n\nPython reads almost like English, runs everywhere and powers "
                "web sites, data analysis and automation.\n\nIn this course you will:\n\n"
                "- install Python and an editor,\n- write and run small programs,\n"
                "- learn to read error messages calmly.\n\nWatch the overview, then move on.",
                12,
                "https://www.youtube.com/watch?v=kqtD5dpn9C8",
            ),
            DemoLesson(
                "Your first program",
                "# Your first program\n\nOpen a terminal and start the interpreter with `python3`.\n\n"
                '```python\nprint("Hello, world!")\n```\n\n**Try it:** change the text and run it again. '
                "More in the [official tutorial](https://docs.python.org/3/tutorial/).",
                15,
            ),
        ],
        "Making decisions": [
            DemoLesson(
                "if, elif and else",
                "# Making decisions\n\n```python\ntemperature = 23\nif temperature > 25:\n"
                '    print("Shorts!")\nelif temperature > 15:\n    print("A light jacket.")\n'
                'else:\n    print("Coat and scarf.")\n```\n\nIndentation is part of the syntax.',
                20,
            ),
            DemoLesson(
                "Loops",
                "# Loops\n\n`for` walks through a collection, `while` repeats until a condition "
                "changes.\n\n```python\nfor day in ['Mon', 'Tue', 'Wed']:\n    print(day)\n```\n\n"
                "**Exercise:** print the numbers 1 to 100, but *Fizz* for multiples of 3 and "
                "*Buzz* for multiples of 5.",
                25,
            ),
        ],
    },
)

SQL_RU = DemoCourse(
    title="Основы SQL для аналитиков",
    description=(
        "Научитесь доставать ответы из баз данных: SELECT, фильтры, сортировка, группировка "
        "и соединения таблиц на примерах из интернет-магазина."
    ),
    level="beginner",
    minutes=180,
    modules={
        "Первые запросы": [
            DemoLesson(
                "Что такое SQL",
                "# Что такое SQL\n\nSQL - язык запросов к реляционным базам данных. Он описывает, "
                "**что** нужно получить, а не **как**.\n\n- таблица - это набор строк,\n"
                "- у каждой строки одинаковые столбцы,\n- запрос возвращает новую таблицу.",
                10,
                "https://vimeo.com/76979871",
            ),
            DemoLesson(
                "SELECT и WHERE",
                "# SELECT и WHERE\n\n```sql\nSELECT name, price\nFROM products\nWHERE price < 1000\n"
                "ORDER BY price DESC;\n```\n\n**Задание:** найдите пять самых дорогих товаров.",
                20,
            ),
        ],
        "Группировка": [
            DemoLesson(
                "GROUP BY и агрегаты",
                "# GROUP BY\n\n```sql\nSELECT category, COUNT(*) AS items, AVG(price) AS avg_price\n"
                "FROM products\nGROUP BY category;\n```\n\n`HAVING` фильтрует уже сгруппированные строки.",
                25,
            ),
        ],
    },
)

DATAVIZ = DemoCourse(
    title="Data Visualization with Python",
    description=(
        "Turn tables into charts people understand: matplotlib fundamentals, choosing the right "
        "chart, colour and annotation, and a dashboard-ready project."
    ),
    level="intermediate",
    minutes=300,
    price="29.99",
    modules={
        "Charts that tell a story": [
            DemoLesson(
                "Anatomy of a chart",
                "# Anatomy of a chart\n\nEvery chart has data, a mapping (x, y, colour) and "
                "annotations. Remove everything else.\n\n> Above all else show the data. - Edward Tufte",
                15,
                "https://interactive-examples.mdn.mozilla.net/media/cc0-videos/flower.mp4",
            ),
            DemoLesson(
                "Line and bar charts",
                "# Line and bar charts\n\n```python\nimport matplotlib.pyplot as plt\n"
                "plt.plot([1, 2, 3], [3, 1, 4])\nplt.show()\n```\n\nUse lines for trends over time, "
                "bars for comparing categories.",
                30,
            ),
        ],
    },
)

DESIGN_RU = DemoCourse(
    title="Веб-дизайн: от макета до сайта",
    description=(
        "Сетка, типографика и цвет: как превратить идею в аккуратный макет и свёрстать его "
        "адаптивно для телефона и компьютера."
    ),
    level="intermediate",
    minutes=200,
    price="19.99",
    modules={
        "Основы композиции": [
            DemoLesson(
                "Сетка и отступы",
                "# Сетка и отступы\n\nСетка задаёт ритм страницы. Выберите шаг (например, 8 px) и "
                "стройте все отступы кратными ему.",
                18,
            ),
            DemoLesson(
                "Типографика",
                "# Типографика\n\n- не больше двух шрифтов,\n- длина строки 45-75 символов,\n"
                "- межстрочный интервал 1,4-1,6.",
                22,
            ),
        ],
    },
)

COURSES = (PYTHON, SQL_RU, DATAVIZ, DESIGN_RU)
