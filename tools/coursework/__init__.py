"""Coursework: the student version, the exercise pattern, the distribution zip.

From the repository root::

    python -m tools.coursework student     # student/NN_topic.ipynb + instructor/solutions/*.md
    python -m tools.coursework check       # deviations from the exercise pattern, leaks
    python -m tools.coursework dist        # dist/lowrank-rnn-student.zip (to hand out)
    python -m tools.coursework course      # course/: the graded nbgrader course
    python -m tools.coursework table       # points, difficulty, minutes per exercise

Built on nbconvert's ``TagRemovePreprocessor`` (``solution`` cells) and
``ClearOutputPreprocessor``; see :mod:`.student`, :mod:`.pattern`, :mod:`.dist` and
:mod:`.course` (an nbconvert preprocessor writing nbgrader's cell metadata).
"""

from .course import course_notebook, fill_answers, points_table, write_course
from .dist import build_zip, leaks_in_zip
from .pattern import (
    SOLUTION_TAG,
    STUB_TAG,
    CourseworkError,
    Exercise,
    Problem,
    describe_cell,
    find_exercises,
    is_solution,
    leaked_solution_lines,
    structure_problems,
)
from .student import (
    GenerationReport,
    full_copy,
    generate_student,
    solutions_markdown,
    strip_solutions,
    student_notebook,
    write_copies,
)
from .cli import main

__all__ = [
    "SOLUTION_TAG", "STUB_TAG", "CourseworkError", "Exercise", "Problem", "GenerationReport",
    "describe_cell", "find_exercises", "is_solution", "leaked_solution_lines",
    "structure_problems", "strip_solutions", "student_notebook", "full_copy",
    "solutions_markdown", "write_copies", "generate_student", "build_zip", "leaks_in_zip", "main",
    "course_notebook", "fill_answers", "points_table", "write_course",
]
