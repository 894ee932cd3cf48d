from django_tasks import task

from fabriek.mail.services import outbox_deliver_due


@task()
def deliver_outbox() -> int:
    """Deliver what is due in the outbox (enqueued after each message is written, and every minute)."""
    return outbox_deliver_due()
