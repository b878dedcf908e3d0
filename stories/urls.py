"""Story pages: the creation wizard, progress, reader, PDF download and library."""

from django.urls import path

from stories.views import library, pdf, reading, wizard

app_name = "stories"

urlpatterns = [
    path("create/", wizard.wizard_start, name="create"),
    path("create/draft/<int:story_id>/", wizard.wizard_resume_draft, name="resume-draft"),
    path("create/from/<int:story_id>/", wizard.wizard_from_template, name="template"),
    path("create/<str:key>/<slug:step>/", wizard.wizard_step, name="wizard"),
    path("stories/", library.story_library, name="library"),
    path("stories/<int:story_id>/", reading.story_read, name="read"),
    path("stories/<int:story_id>/progress/", reading.story_progress, name="progress"),
    path(
        "stories/<int:story_id>/progress/status/",
        reading.story_progress_status,
        name="progress-status",
    ),
    path("stories/<int:story_id>/resume/", reading.story_resume, name="resume"),
    path("stories/<int:story_id>/delete/", library.story_delete, name="delete"),
    path("stories/<int:story_id>/pdf/", pdf.story_pdf, name="pdf"),
    path("stories/<int:story_id>/pdf/status/", pdf.story_pdf_status, name="pdf-status"),
    path(
        "stories/<int:story_id>/pages/<int:page_id>/<slug:variant>/",
        reading.page_image,
        name="page-image",
    ),
]
