"""What loading a page costs: `serving.fields.StreamField` (Wagtail's, with the JSON field
it reads rows through made once per field instead of once per row, and migrated as Wagtail's
own) and `serving.child_relations` (modelcluster's child relations, once per model)."""

import pytest
from django.apps import apps
from django.db.models import JSONField
from modelcluster import models as modelcluster_models
from wagtail import fields as wagtail_fields

from home.models import MissionPage
from newsroom.models import ArticleTopic, NewsArticlePage, Topic
from serving.fields import StreamField

pytestmark = pytest.mark.django_db


def stream_fields():
    return [
        field
        for model in (NewsArticlePage, MissionPage)
        for field in model._meta.fields
        if isinstance(field, wagtail_fields.StreamField)
    ]


def test_the_sites_stream_fields_read_rows_through_one_json_field(monkeypatch):
    assert stream_fields() and all(isinstance(f, StreamField) for f in stream_fields())
    made = []
    original = JSONField.__init__

    def counting(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    list(NewsArticlePage.objects.all()[:1])  # each field's JSON field made, once
    monkeypatch.setattr(JSONField, "__init__", counting)
    articles = list(NewsArticlePage.objects.all())
    assert len(articles) > 1
    assert made == []  # Wagtail's makes one for every row it reads
    assert all(article.body.raw_data is not None for article in articles)


def test_a_stream_field_is_migrated_as_wagtails():
    for field in stream_fields():
        _name, path, _args, _kwargs = field.deconstruct()
        assert path == "wagtail.fields.StreamField"


def test_a_body_reads_and_saves_as_before():
    article = NewsArticlePage.objects.live().first()
    blocks = [(child.block_type, child.id) for child in article.body]
    assert blocks
    article.save_revision().publish()
    again = NewsArticlePage.objects.get(pk=article.pk)
    assert [(child.block_type, child.id) for child in again.body] == blocks
    assert again.body.get_prep_value() == article.body.get_prep_value()


def test_child_relations_are_modelclusters_worked_out_once_per_model():
    # Every ClusterableModel (each page type) lists its child relations on every __init__.
    for name in ("get_all_child_relations", "get_all_child_m2m_relations"):
        kept = getattr(modelcluster_models, name)
        original = kept.__wrapped__
        for model in apps.get_models():
            if issubclass(model, modelcluster_models.ClusterableModel):
                assert list(kept(model)) == original(model), (name, model)
                assert kept(model) is kept(model)  # worked out once
                assert kept(model()) is kept(model)  # an instance asks as its model
    article = NewsArticlePage.objects.live().first()
    assert article.article_topics.all() is not None  # a child relation still works


def test_a_page_made_with_child_objects_keeps_them():
    # ClusterableModel's constructor takes child objects by relation name, as before.
    article = NewsArticlePage(title="x", article_topics=[])
    assert list(article.article_topics.all()) == []
    topic = Topic.objects.first()
    article = NewsArticlePage(title="y", article_topics=[ArticleTopic(topic=topic)])
    assert [link.topic for link in article.article_topics.all()] == [topic]
