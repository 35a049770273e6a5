"""Settings: wrong values are named with the expected form; every setting is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from communia.config import Settings, SettingsError, load_settings

DOCS = Path(__file__).parents[2] / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`{name}`" not in text]
    assert missing == [], f"undocumented settings: {missing}"


def test_every_setting_has_a_help_string() -> None:
    assert all(field.description for field in Settings.model_fields.values())


def test_wrong_database_url_is_reported_by_name_with_the_expected_form() -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(database_url="mysql://x")
    message = str(err.value)
    assert "database_url" in message and "COMMUNIA_DATABASE_URL" in message
    assert "postgresql+psycopg://" in message


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(databse_url="sqlite://")
    assert "unknown setting" in str(err.value)


def test_secrets_are_not_shown_in_errors() -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(encryption_key=123, model_threads=0)
    assert "123" not in str(err.value)


def test_toml_file_is_read(tmp_path: Path) -> None:
    config = tmp_path / "communia.toml"
    config.write_text('default_language = "en"\nmax_batch_files = 12\n', encoding="utf-8")
    settings = load_settings(config)
    assert (settings.default_language, settings.max_batch_files) == ("en", 12)


def test_limits_keep_their_safe_defaults() -> None:
    settings = load_settings()
    assert (settings.feedback_min_group_size, settings.feedback_max_reports,
            settings.feedback_max_report_chars, settings.feedback_near_duplicate_max_reports,
            settings.feedback_pseudonymise_all_max, settings.feedback_embedding_threads
            ) == (5, 200_000, 10_000, 20_000, 1_000, 1)


def test_a_group_size_that_would_single_people_out_is_reported_by_name() -> None:
    for wrong in (0, 2):
        with pytest.raises(SettingsError) as err:
            load_settings(feedback_min_group_size=wrong)
        message = str(err.value)
        assert "feedback_min_group_size" in message
        assert "COMMUNIA_FEEDBACK_MIN_GROUP_SIZE" in message
        assert "greater than or equal to 3" in message and f"got {wrong}" in message


def test_limits_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNIA_FEEDBACK_MAX_REPORTS", "10")
    monkeypatch.setenv("COMMUNIA_FEEDBACK_MIN_GROUP_SIZE", "8")
    settings = load_settings()
    assert (settings.feedback_max_reports, settings.feedback_min_group_size) == (10, 8)


def test_solver_time_limits_are_bounded_by_name() -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(planning_schedule_seconds=600, planning_feasibility_seconds=0)
    message = str(err.value)
    assert "planning_schedule_seconds (COMMUNIA_PLANNING_SCHEDULE_SECONDS)" in message
    assert "less than or equal to 120" in message
    assert "planning_feasibility_seconds (COMMUNIA_PLANNING_FEASIBILITY_SECONDS)" in message


def test_the_oidc_file_is_a_path_setting(tmp_path: Path) -> None:
    assert load_settings().oidc_config_file is None
    config = tmp_path / "communia.toml"
    config.write_text(f'oidc_config_file = "{tmp_path / "sso.toml"}"\n'
                      "drafting_max_facts_chars = 2000\n", encoding="utf-8")
    settings = load_settings(config)
    assert settings.oidc_config_file == tmp_path / "sso.toml"
    assert settings.drafting_max_facts_chars == 2000


def test_drafting_limits_must_fit_in_one_model_call() -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(max_input_chars=50_000)
    message = str(err.value)
    assert "drafting_max_facts_chars + drafting_max_source_chars (110,000)" in message
    assert "max_input_chars (50,000)" in message
    fitted = load_settings(max_input_chars=50_000, drafting_max_facts_chars=20_000,
                           drafting_max_source_chars=30_000)
    assert fitted.max_input_chars == 50_000


def test_a_short_metrics_token_is_refused_without_being_shown() -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(metrics_token="hunter2")
    message = str(err.value)
    assert "metrics_token" in message and "COMMUNIA_METRICS_TOKEN" in message
    assert "at least 24 characters" in message and "hunter2" not in message
    assert load_settings(metrics_token="a" * 32).metrics_token.get_secret_value() == "a" * 32


def test_review_edits_have_a_bounded_default() -> None:
    settings = load_settings()
    assert settings.review_max_edit_chars == 50_000
    assert settings.metrics_token.get_secret_value() == ""
    with pytest.raises(SettingsError, match="review_max_edit_chars"):
        load_settings(review_max_edit_chars=10)
