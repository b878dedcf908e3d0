"""Story pages: the creation wizard, progress, reader, editor, PDF download and library."""

from django.urls import path

from stories.views import editor, library, pdf, reading, wizard

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
    path("stories/<int:story_id>/edit/", editor.story_edit, name="edit"),
    path(
        "stories/<int:story_id>/edit/pages/<int:page_id>/restore-text/",
        editor.page_text_restore,
        name="edit-restore-text",
    ),
    path(
        "stories/<int:story_id>/edit/pages/<int:page_id>/restore-picture/",
        editor.page_picture_restore,
        name="edit-restore-picture",
    ),
    path(
        "stories/<int:story_id>/edit/pages/<int:page_id>/pictures/<int:image_id>/use/",
        editor.page_picture_use,
        name="edit-use-picture",
    ),
    path(
        "stories/<int:story_id>/edit/pages/<int:page_id>/redraw/",
        editor.page_redraw,
        name="edit-redraw",
    ),
    path(
        "stories/<int:story_id>/edit/pages/<int:page_id>/picture/",
        editor.page_picture_status,
        name="edit-picture-status",
    ),
    path(
        "stories/<int:story_id>/edit/pages/<int:page_id>/rewrite/",
        editor.page_rewrite,
        name="edit-rewrite",
    ),
    path(
        "stories/<int:story_id>/pages/<int:page_id>/versions/<int:image_id>/<slug:variant>/",
        editor.page_picture_version,
        name="page-image-version",
    ),
    path("stories/<int:story_id>/pdf/", pdf.story_pdf, name="pdf"),
    path("stories/<int:story_id>/pdf/status/", pdf.story_pdf_status, name="pdf-status"),
    path(
        "stories/<int:story_id>/pages/<int:page_id>/<slug:variant>/",
        reading.page_image,
        name="page-image",
    ),
]
